import { conformanceSuite } from './conformance.js';
import { CONFIGS } from './fixtures/configs.js';

for (const config of CONFIGS) describe(`event log conformance (${config.name})`, conformanceSuite(config));
