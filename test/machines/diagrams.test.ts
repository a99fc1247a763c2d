import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDiagramFiles } from '../../src/diagrams/catalog.js';

describe('the committed state diagrams', () => {
  const files = generateDiagramFiles();

  it.each(Object.keys(files))(
    'docs/diagrams/%s is what the machines generate (run `npm run diagrams`)',
    async (name) => {
      const committed = await readFile(join(process.cwd(), 'docs', 'diagrams', name), 'utf8');
      expect(committed).toBe(files[name]);
    },
  );

  it('draws every state of the session lifecycle in the doc', () => {
    const session = files['session.mmd'] ?? '';
    for (const state of [
      'draft',
      'creating',
      'created',
      'syncing',
      'confirming',
      'in_progress',
      'completed',
      'partial',
      'rejected',
    ]) {
      expect(session).toContain(`state "${state}"`);
    }
  });

  it('draws the line outcomes of the doc, the phase-one technical_error included', () => {
    const line = files['line.mmd'] ?? '';
    for (const state of [
      'acknowledged',
      'held_adv_validation',
      'in_progress',
      'rejected_creation',
      'technical_error',
    ]) {
      expect(line).toContain(`state "${state}"`);
    }
  });
});
