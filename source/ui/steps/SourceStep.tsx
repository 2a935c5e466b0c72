// Step 1: where the certificate is. The list fills in while files and tokens are found, so the
// screen is usable at once; a path or pkcs11: URI can always be typed instead.
import type React from 'react';
import {useEffect, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {CandidateCertificate, RefusalCode} from '../../flow/wizard.js';
import type {SecretRequest, SourceRef} from '../../sources/types.js';
import {SourceError} from '../../sources/types.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {useKeys} from '../keys.js';
import {TextField} from '../components/TextField.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping, useUiRuntime} from '../context.js';
import {useTheme} from '../theme.js';
import {shorten} from '../format.js';

type Mode = {kind: 'list'} | {kind: 'ssh'} | {kind: 'path'} | {kind: 'loading'; ref: string} | {kind: 'secret'; request: SecretRequest};

const TYPE_PATH = '\u0000type-path';

export function SourceStep(props: {
	onLoaded: (ref: string, candidates: CandidateCertificate[]) => void;
	onError: (message: string) => void;
	refusal: RefusalCode | null;
	help: string | null;
}): React.ReactElement {
	const {services} = useUiRuntime();
	const theme = useTheme();
	const [found, setFound] = useState<SourceRef[]>([]);
	const [searching, setSearching] = useState(true);
	const [sshAdvice, setSshAdvice] = useState<string | null>(null);
	const [mode, setMode] = useState<Mode>({kind: 'list'});
	const [error, setError] = useState<string | null>(null);
	const secretResolve = useRef<((value: string | null) => void) | null>(null);
	useTyping(mode.kind === 'path' || mode.kind === 'secret');

	useEffect(() => {
		const controller = new AbortController();
		// Results arrive in bursts; batching them keeps the screen from redrawing per file.
		let pending: SourceRef[] = [];
		let timer: NodeJS.Timeout | null = null;
		const flush = () => {
			timer = null;
			const batch = pending;
			pending = [];
			if (batch.length > 0) setFound((prev) => [...prev, ...batch]);
		};
		services
			.discover((ref) => {
				pending.push(ref);
				timer ??= setTimeout(flush, 30);
			}, controller.signal)
			.then((result) => {
				if (controller.signal.aborted) return;
				flush();
				setSshAdvice(result.sshAdvice);
				setSearching(false);
			})
			.catch(() => setSearching(false));
		return () => {
			controller.abort();
			if (timer) clearTimeout(timer);
		};
	}, [services]);

	const load = (ref: string) => {
		setMode({kind: 'loading', ref});
		setError(null);
		const secret = (request: SecretRequest) =>
			new Promise<string | null>((resolve) => {
				secretResolve.current = resolve;
				setMode({kind: 'secret', request});
			});
		services
			.load(ref, secret)
			.then((candidates) => {
				if (candidates.length === 0) {
					setError(t('ui.source.noCertificate'));
					setMode({kind: 'list'});
					return;
				}
				props.onLoaded(ref, candidates);
			})
			.catch((error_: unknown) => {
				const message = error_ instanceof SourceError || error_ instanceof Error ? error_.message : String(error_);
				if (!(error_ instanceof SourceError && error_.code === 'CANCELLED')) {
					setError(message);
					props.onError(message);
				}
				setMode({kind: 'list'});
			});
	};

	const items: ListItem<string>[] = [
		{key: TYPE_PATH, label: t('ui.source.typePath'), value: TYPE_PATH},
		...found.map((ref) => ({
			key: ref.ref,
			label: shorten(ref.label, 56),
			value: ref.ref,
			hint: ref.detail ? shorten(ref.detail, 30) : undefined,
			mark: {symbol: ref.kind === 'file' ? theme.symbols.bullet : '#', color: theme.color.muted},
		})),
	];

	// Over SSH the way to a token is long to explain: one line on the list, the steps on 's'.
	useKeys(
		(event) => {
			if (mode.kind === 'ssh' && (event.name === 'escape' || event.name === 'enter')) setMode({kind: 'list'});
			else if (mode.kind === 'list' && sshAdvice && event.name === 'text' && event.text?.includes('s')) setMode({kind: 'ssh'});
		},
		{isActive: mode.kind === 'list' || mode.kind === 'ssh'},
	);

	let body: React.ReactNode;
	let keys: string[];
	if (mode.kind === 'ssh') {
		keys = [t('ui.keys.escBack')];
		body = <Text>{sshAdvice}</Text>;
	} else if (mode.kind === 'path') {
		keys = [t('ui.keys.enterLoad'), t('ui.keys.escBack')];
		body = (
			<TextField
				label={t('ui.source.pathLabel')}
				placeholder={t('ui.source.pathPlaceholder')}
				onSubmit={(value) => (value.trim() ? load(value.trim()) : setMode({kind: 'list'}))}
				onCancel={() => setMode({kind: 'list'})}
			/>
		);
	} else if (mode.kind === 'secret') {
		const {request} = mode;
		keys = [t('ui.keys.enterConfirm'), t('ui.keys.escCancel')];
		const finish = (value: string | null) => {
			const resolve = secretResolve.current;
			secretResolve.current = null;
			setMode({kind: 'loading', ref: ''});
			resolve?.(value);
		};
		body = (
			<Box flexDirection="column">
				{request.retry ? <Problem text={t(request.kind === 'pin' ? 'ui.source.wrongPin' : 'ui.source.wrongPassword')} /> : null}
				{request.pinState === 'count-low' ? <Text color={theme.color.warn}>{t('ui.source.pinCountLow')}</Text> : null}
				{request.pinState === 'final-try' ? <Text color={theme.color.bad}>{t('ui.source.pinFinalTry')}</Text> : null}
				<TextField
					label={t(request.kind === 'pin' ? 'ui.source.pinFor' : 'ui.source.passwordFor', {target: request.target})}
					mask
					onSubmit={(value) => finish(value)}
					onCancel={() => finish(null)}
				/>
			</Box>
		);
	} else if (mode.kind === 'loading') {
		keys = [];
		body = <Text>{t('ui.source.loading')}</Text>;
	} else {
		keys = [t('ui.keys.move'), t('ui.keys.enterChoose'), t('ui.keys.help'), t('ui.keys.quit')];
		body = (
			<Box flexDirection="column">
				<SelectList items={items} limit={9} onSubmit={(item) => (item.value === TYPE_PATH ? setMode({kind: 'path'}) : load(item.value))} />
				{searching ? <Text dimColor>{t('ui.source.searching')}</Text> : null}
				{!searching && found.length === 0 ? <Text dimColor>{t('ui.source.nothingFound')}</Text> : null}
				{sshAdvice && !searching ? <Text color={theme.color.warn}>{t('ui.source.sshNote')}</Text> : null}
			</Box>
		);
	}
	return (
		<Frame step="source" title={t('ui.source.title')} keys={keys} help={props.help}>
			{body}
			{error ? <Problem text={error} /> : null}
			{props.refusal && !error ? <Problem text={t(`ui.refusal.${props.refusal}`)} /> : null}
		</Frame>
	);
}
