import { describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import { CovageResponseError } from '../../src/http/errors.js';
import { useEchoServer } from './support/echoServer.js';
import { failure, itLeaksNoSecrets, recordingLogger } from './support/leaks.js';
import { virtualSleep } from './support/sandbox.js';
import { SECRETS } from './support/secrets.js';
import { wire } from './support/wire.js';

const server = useEchoServer();

function client() {
  return createCovageClient({
    baseUrl: server.url,
    auth: bearerToken(SECRETS.token),
    fetch: wire().fetch,
    sleep: virtualSleep().sleep,
    logger: recordingLogger(),
  });
}

describe('an answer that breaks the contract', () => {
  it('is a CovageResponseError naming each property path, keeping the raw body', async () => {
    const error = await failure(
      client().createSession({}, { headers: { 'X-Echo': 'bad-session' } }),
    );
    expect(error).toBeInstanceOf(CovageResponseError);
    const issues = (error as CovageResponseError).issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(['id', 'state', 'creation_date']));
    expect((error as CovageResponseError).rawBody).toMatchObject({ id: 42, state: 'nonsense' });
    expect(error.message).toMatch(/^POST \/api\/v1\/product_order: unexpected response body at /);
  });

  it('names nested paths the way the rules do', async () => {
    const error = await failure(
      client().createLine(
        's-1',
        { product_offering_id: '1', product_offering_qualification_item_id: 'q' },
        { headers: { 'X-Echo': 'bad-line' } },
      ),
    );
    expect(error).toBeInstanceOf(CovageResponseError);
    expect((error as CovageResponseError).issues.map((issue) => issue.path)).toContain(
      'related_contact_information[0].insee_code',
    );
  });

  it('a 2xx body that is not JSON is a CovageResponseError too', async () => {
    const error = await failure(client().getSession('s-1', { headers: { 'X-Echo': 'not-json' } }));
    expect(error).toBeInstanceOf(CovageResponseError);
    expect(error.message).toMatch(/not JSON/);
  });

  it('the raw body it keeps has the echoed credentials redacted', async () => {
    const error = (await failure(
      client().createSession({}, { headers: { 'X-Echo': 'bad-session' } }),
    )) as CovageResponseError;
    expect(JSON.stringify(error.rawBody)).not.toContain(SECRETS.token);
    expect(JSON.stringify(error.rawBody)).toContain('[redacted]');
  });
});

itLeaksNoSecrets();
