/** The Parley version, from package.json (inlined by the build). */
import { version } from '../../../package.json';

export const PARLEY_VERSION: string = version;
