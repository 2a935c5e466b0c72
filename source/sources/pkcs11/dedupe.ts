// One certificate seen through two modules (OpenSC and the vendor's, or a card's two slots) is one
// choice for the person. Pure: rank and identity are computed by the caller.
import type {CertificateEntry, SourceOrigin} from '../types.js';

export interface SeenCertificate {
	entry: CertificateEntry;
	sha256: string;
	/** Lower is preferred (vendor module before OpenSC, tokens.md §1). */
	rank: number;
}

export type DedupedCertificate = CertificateEntry & {
	sha256: string;
	/** Every place the certificate was seen, the chosen one first. */
	seenAt: SourceOrigin[];
};

export function dedupeCertificates(items: SeenCertificate[]): DedupedCertificate[] {
	const groups = new Map<string, SeenCertificate[]>();
	for (const item of items) {
		const key = item.sha256.toLowerCase();
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	const out: DedupedCertificate[] = [];
	for (const [sha256, group] of groups) {
		// Stable: equal ranks keep discovery order.
		const sorted = group
			.map((g, i) => ({g, i}))
			.sort((a, b) => a.g.rank - b.g.rank || a.i - b.i)
			.map(({g}) => g);
		const best = sorted[0]!.entry;
		if (sorted.length === 1) {
			out.push({...best, sha256, seenAt: [best.origin]});
			continue;
		}
		const companions: Uint8Array[] = [];
		const known = new Set<string>();
		for (const {entry} of sorted) {
			for (const c of entry.companions) {
				const k = Buffer.from(c).toString('base64');
				if (!known.has(k)) {
					known.add(k);
					companions.push(c);
				}
			}
		}
		out.push({...best, companions, sha256, seenAt: sorted.map(({entry}) => entry.origin)});
	}
	return out;
}

/** Generic drivers rank after vendor modules, because vendor modules see qualified slots and flags right. */
export function moduleRank(modulePath: string, sourceOrder: number): number {
	const generic = /opensc-pkcs11|p11-kit-proxy/i.test(modulePath);
	return (generic ? 100 : 0) + sourceOrder;
}
