// One config, several projects, so `npm test -- --selectProjects unit` stays fast.
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
  testEnvironment: 'node',
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/spec/unit/**/*.test.ts', '<rootDir>/spec/architecture/**/*.test.ts'] },
    { ...common, displayName: 'conformance', testMatch: ['<rootDir>/spec/conformance/**/*.test.ts'] },
    { ...common, displayName: 'kubelet', testMatch: ['<rootDir>/spec/kubelet/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/spec/e2e/**/*.test.ts', '<rootDir>/spec/scenarios/**/*.test.ts', '<rootDir>/spec/examples.test.ts'] },
  ],
};
