// Preloaded (node --require) into a warm wizard start by `npm run bench` for the row
// wizard-first-frame-cpu: the process's own CPU time (user+sys, all its threads) and clock from its
// start to Ink's first frame, with the launcher's steps on the way. Written as JSON to the file named
// by OTE_BENCH_FRAME. CommonJS and Node's modules only, so that it adds next to nothing to the start.
'use strict';
const {writeFileSync} = require('node:fs');
const vm = require('node:vm');

const marks = {};
const mark = (name) => {
	const cpu = process.cpuUsage();
	marks[name] ??= {ms: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000};
};
mark('launcher');
// The launcher compiles the bundle with vm.Script (source/boot/launch.ts): the time around it is
// reading the bundle and its cached code, and V8 deserialising that code.
const Script = vm.Script;
vm.Script = class extends Script {
	constructor(...args) {
		mark('bundle-read');
		super(...args);
		mark('bundle-compiled');
	}
};
const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) {
	if (!marks.frame && String(chunk).includes('Step 1/5')) mark('frame');
	return write.call(this, chunk, ...rest);
};
process.on('exit', () => writeFileSync(process.env.OTE_BENCH_FRAME, JSON.stringify(marks)));
