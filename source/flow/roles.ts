// Which roles of a slot pair a certificate can fill, from the trust engine's verdict on its uses.
import type {SlotRole} from '../account/types.js';
import type {Assessment} from '../trust/types.js';

export function rolesThatFit(assessment: Assessment): SlotRole[] {
	const fits = new Set(assessment.uses.filter((u) => u.fits).map((u) => u.use));
	const roles: SlotRole[] = [];
	if (fits.has('portal-login') || fits.has('ote-com-login')) roles.push('auth');
	if (fits.has('portal-signing') || fits.has('automatic-mark')) roles.push('sign');
	// Nothing fits by the rules: let the person decide; the verdict already warned them.
	return roles.length > 0 ? roles : ['auth', 'sign'];
}
