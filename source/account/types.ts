// The account model: an account holds four slots; a slot is a pair (authentication + signing
// certificate, possibly the same qualified certificate in both roles).

export const SLOT_NUMBERS = [1, 2, 3, 4] as const;
export type SlotNumber = (typeof SLOT_NUMBERS)[number];

export type EnvironmentId = string; // 'production' | 'sandbox' | custom names

type BuiltInEnvironmentId = 'production' | 'sandbox';

/** A built-in environment has a known id, so its name comes from the catalogs (`ui.env.${id}`). */
export type Environment = {name: string; portalUrl: string} & ({id: BuiltInEnvironmentId; builtIn: true} | {id: EnvironmentId; builtIn: false});

export const BUILT_IN_ENVIRONMENTS: readonly Environment[] = [
	{id: 'production', name: 'Production', portalUrl: 'https://portal.ote-cr.cz/', builtIn: true},
	{id: 'sandbox', name: 'Sandbox', portalUrl: 'https://portal.sand.ote-cr.cz/', builtIn: true},
];

/** What the ledger remembers of a certificate: public data only. */
export interface CertRecord {
	sha256: string;
	sha1: string;
	subject: string;
	issuer: string;
	serialNumber: string;
	notBefore: string;
	notAfter: string;
	/** Holder identity used for renewal detection. */
	holder: {name: string | null; ico: string | null; caUserId: string | null};
	/** File path or pkcs11: URI the certificate was read from. */
	source: string;
	kind: 'qualified' | 'commercial' | null;
}

export type SlotRole = 'auth' | 'sign';

export interface SlotEntry {
	slot: SlotNumber;
	auth: CertRecord | null;
	sign: CertRecord | null;
	registeredAt: string;
}

export interface HistoryEvent {
	at: string;
	action: 'register' | 'replace' | 'forget';
	slot: SlotNumber;
	roles: SlotRole[];
	certificate: CertRecord | null;
	replaced: CertRecord | null;
}

export interface AccountLedger {
	slots: Partial<Record<`${SlotNumber}`, SlotEntry>>;
	history: HistoryEvent[];
	profile?: AccountProfile;
}

export type Role = 'admin' | 'owner';

/** Answers to "who may register" remembered per account. */
export interface AccountProfile {
	role: Role;
	newCompany: boolean;
	pozeProducer: boolean;
}

export type NextStep = {kind: 'portal'; portalUrl: string} | {kind: 'email'; address: string; reason: 'no-valid-certificate' | 'new-company' | 'poze-producer'};
