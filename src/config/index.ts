export { loadConfigFile, parseConfigText, type LoadConfigOptions } from './load.ts';
export { CONFIG_API_VERSION, CONFIG_KIND, type KubeseamConfig } from './types.ts';
