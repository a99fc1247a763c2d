// A child process for test/store/journalCrash.test.ts: runs a real session against the sandbox
// at <url>, saved in the file store at <dir>. The journal append <where> names writes half of its
// last record, prints `torn <id> <appends>` and waits there, to be killed with SIGKILL: `n:<N>`
// the Nth append, `confirming` the first holding the confirmation under way (its checkpoint) or,
// when that save was a compaction, its answer.
// Usage: node tearingWriter.mjs <dir> <url> <token> <where> <lines> (runs the built dist/).
const dist = (path) => new URL(`../../../dist/src/${path}`, import.meta.url).href;
const { createCovageClient } = await import(dist('client/index.js'));
const { bearerToken } = await import(dist('http/index.js'));
const { createOrderSession } = await import(dist('runtime/index.js'));
const { createFileStore } = await import(dist('store/file.js'));
const { sampleContact, sampleLine } = await import(
  new URL('../../../dist/scripts/shared/sampleLine.js', import.meta.url).href
);

const [dir, url, token, where = '', linesText] = process.argv.slice(2);
let appends = 0;
let torn = false;
let id = '';
const isTheOne = (text) => {
  if (where.startsWith('n:')) return appends === Number(where.slice(2));
  if (where === 'confirming') return /"state":"(confirming|in_progress)[.a-z_]*"/.test(text);
  throw new Error(`unknown place to tear: ${where}`);
};
const store = createFileStore(dir, {
  tearAppend(text) {
    appends++;
    if (torn || !isTheOne(text)) return undefined;
    torn = true;
    // Halfway through the last record of the append; said once it is on disk.
    const start = text.lastIndexOf('\n', text.length - 2) + 1;
    return {
      cut: start + Math.floor((text.length - start) / 2),
      torn: () => process.stdout.write(`torn ${id} ${appends}\n`),
    };
  },
});
const api = createCovageClient({ baseUrl: url, auth: bearerToken(token), timeoutMs: 5_000 });
const session = createOrderSession({
  api,
  store,
  options: { concurrency: 4, syncDelayMs: 5, poll: { initialDelayMs: 500, maxDelayMs: 500 } },
});
id = session.id;
for (let n = 0; n < Number(linesText); n++) {
  session.addLine(
    sampleLine({
      product_offering_qualification_item_id: `qual-tear-${n}`,
      external_id: `tear-${n}`,
      related_contact_information: [sampleContact({ street_number: String(n + 1) })],
    }),
  );
}
session.confirm();
const result = await session.settled();
process.stdout.write(`settled ${id} ${result.state} ${appends}\n`);
if (result.state === 'failed') process.stderr.write(`${JSON.stringify(result.error)}\n`);
