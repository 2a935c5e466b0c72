export {discoverNss} from './discovery.js';
