/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/spec/unit/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/spec/integration/**/*.spec.ts', '<rootDir>/spec/browser/**/*.spec.ts'],
    },
    {
      // packs the tarball and installs it into a fresh project (needs the registry; minutes, not seconds)
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/spec/package/**/*.spec.ts'],
    },
  ],
  // per-project testTimeout is ignored by jest; integration tests move real bytes over loopback
  testTimeout: 120_000,
};

export default config;
