export { LakeFS } from './LakeFS';
export { lakectlConfigPath, lakectlSource, readLakectlConfig } from './lakectlConfig';
