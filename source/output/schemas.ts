// The JSON ote-cert writes for programs names its schema: registration.json, each report of
// `inspect --json` and each entry of `slots --json` carry "$schema" with the $id of the schema in
// schemas/ that describes them (test/schemas checks real outputs against those files). A change
// that breaks a reader gets a new number here and in the schema.
export const SCHEMA_ID = {
	registration: 'urn:ote-cert:schema:registration:1',
	inspect: 'urn:ote-cert:schema:inspect:1',
	slots: 'urn:ote-cert:schema:slots:1',
} as const;
