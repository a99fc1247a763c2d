/** The sample line and contact live in the testing entry (app teams use them too). */
export { sampleContact, sampleLine } from '../../src/testing/sampleLine.js';
