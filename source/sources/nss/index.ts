export {discoverNss, findNssProfiles, readNssProfile} from './discovery.js';
export type {NssDiscovery, NssProfile, NssProfileStatus} from './discovery.js';
