/**
 * The order-tracking APIs the sandbox serves (docs/tracking.md): Covage orders after creation,
 * Orange Ordering v2 and Order Tracking v1 (with Orange's token endpoint), obapi, Adobe VIP
 * Marketplace. Each answers its own error shape; any of them may answer an injected fault.
 */
import {
  type Answer,
  answer,
  faultAnswers,
  headerParam,
  headers,
  pathParam,
  queryParam,
  ref,
  type Schema,
} from './shared.js';

const whole = { type: 'integer', minimum: 0 };
/** A query parameter that may be repeated (`a=1&a=2`), its values ORed. */
const many = (name: string, description: string) =>
  queryParam(
    name,
    `${description} (repeatable, ORed)`,
    { type: 'array', items: { type: 'string' } },
    true,
  );

const tracking = (
  tag: string,
  security: Record<string, string[]>[],
  responses: Record<string, Answer>,
) => ({
  tags: [tag],
  security,
  responses: { ...faultAnswers(), ...responses },
});

function orangeCollection(path: string, item: string, name: string, filters: string[]) {
  const error = (description: string, ...extra: ['WWW-Authenticate'] | []) =>
    answer(description, ref('OrangeError'), ...extra);
  const security = [{ orangeOAuth: [], orangeApiKey: [] }];
  return {
    [path]: {
      get: {
        operationId: `list${name}`,
        summary: `Orange: list (offset/limit, sort with -field descending, filters by attribute)`,
        parameters: [
          queryParam('offset', 'records to skip', whole),
          queryParam('limit', 'records per page (default 25, at most 100)', whole),
          queryParam('sort', 'fields, comma-separated; -field descending'),
          ...filters.map((filter) => queryParam(filter, `only records whose ${filter} is this`)),
        ],
        ...tracking('Orange', security, {
          '200': answer(
            'a page of records; the counts in the headers',
            { type: 'array', items: ref(item) },
            'X-Total-Count',
            'X-Result-Count',
          ),
          '400': error('an invalid query parameter'),
          '401': error('a missing, unknown or expired access token', 'WWW-Authenticate'),
          '403': error('a missing or unknown X-Api-Key'),
        }),
      },
    },
    [`${path}/{id}`]: {
      get: {
        operationId: `get${name.replace(/s$/, '')}`,
        summary: 'Orange: one record',
        parameters: [pathParam('id', 'the record id')],
        ...tracking('Orange', security, {
          '200': answer('the record', ref(item)),
          '401': error('a missing, unknown or expired access token', 'WWW-Authenticate'),
          '403': error('a missing or unknown X-Api-Key'),
          '404': error('no such record'),
        }),
      },
    },
  };
}

export function trackingPaths(): Record<string, unknown> {
  const covageSecurity: Record<string, string[]>[] = [
    { bearer: [] },
    { apiKey: [] },
    { oauth2: [] },
  ];
  const covageError = (description: string) => answer(description, ref('Error'));
  const obapiSecurity = [{ obapiKey: [] }];
  const obapiError = (description: string) => answer(description, ref('ObapiError'));
  const adobeSecurity = [{ adobeBearer: [], adobeApiKey: [] }];
  const adobeError = (description: string) =>
    answer(description, ref('AdobeError'), 'X-Request-Id', 'X-Correlation-Id');
  const adobeHeaders = [
    headerParam('X-Correlation-Id', 'kept on a retry of the same call', true),
    headerParam('X-Request-Id', 'new on every request (a repeated one is refused)', true),
  ];
  const history: Schema = ref('CovageOrderHistory');
  return {
    '/api/v1/order/': {
      get: {
        operationId: 'listCovageOrders',
        summary:
          'Covage orders after creation: seeded ones, and the caller’s lines that became orders',
        parameters: [
          queryParam('limit', 'orders per page (default 20, at most 100)', whole),
          queryParam('offset', 'orders to skip', whole),
          queryParam('ordering', 'fields, comma-separated; -field descending'),
          many('state', 'an order state'),
          many('order_reference', 'exact'),
          many('external_id', 'exact: the order line’s'),
          many('product_order_id', 'exact: the order session'),
          many('product_order_item_id', 'exact: the order line’s API id'),
        ],
        ...tracking('Covage order tracking', covageSecurity, {
          '200': answer('a page, Django REST framework style', ref('CovageOrderPage')),
          '400': covageError('an invalid query parameter'),
          '401': answer('no, unknown or expired credentials', ref('Error'), 'WWW-Authenticate'),
        }),
      },
    },
    '/api/v1/order/{order_reference}/historic/': {
      get: {
        operationId: 'getCovageOrderHistory',
        summary: 'Covage: the history of one order, oldest first',
        parameters: [pathParam('order_reference', 'the order’s reference')],
        ...tracking('Covage order tracking', covageSecurity, {
          '200': answer('the state changes', history),
          '401': answer('no, unknown or expired credentials', ref('Error'), 'WWW-Authenticate'),
          '404': covageError('no such order for this user'),
        }),
      },
    },
    '/oauth/v3/token': {
      post: {
        operationId: 'orangeToken',
        summary: 'Orange: OAuth 2.0 client credentials (HTTP Basic client_id:client_secret)',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: { grant_type: { const: 'client_credentials' } },
                required: ['grant_type'],
              },
            },
          },
        },
        ...tracking('Orange', [{ orangeBasic: [] }], {
          '200': answer('the access token', ref('OrangeToken'), 'Cache-Control'),
          '400': answer('unsupported_grant_type', ref('OAuthError')),
          '401': answer('invalid_client', ref('OAuthError'), 'WWW-Authenticate'),
        }),
      },
    },
    ...orangeCollection('/ordering/b2b/v2/requests', 'OrangeRequest', 'OrangeRequests', [
      'id',
      'customerReference',
      'step',
      'status',
      'type',
      'priority',
      'category',
    ]),
    ...orangeCollection('/order-tracking/b2b/v1/orders', 'OrangeOrder', 'OrangeOrders', [
      'id',
      'status',
    ]),
    '/obapi/v1/orders': {
      get: {
        operationId: 'listObapiOrders',
        summary: 'obapi: customer orders, by page (money as decimal strings)',
        parameters: [
          queryParam('page', 'from 1', { type: 'integer', minimum: 1 }),
          queryParam('per_page', 'default 50, at most 200', { type: 'integer', minimum: 1 }),
          queryParam('date_start', 'YYYY-MM-DD, on date_order, inclusive'),
          queryParam('date_end', 'YYYY-MM-DD, on date_order, inclusive'),
          queryParam('status', 'one status'),
          queryParam('sort', 'date_asc, date_desc, ref_asc or ref_desc'),
        ],
        ...tracking('obapi', obapiSecurity, {
          '200': answer('a page and its pagination', ref('ObapiPage')),
          '400': obapiError('an invalid query parameter'),
          '401': answer('a missing or unknown API key', ref('ObapiError'), 'WWW-Authenticate'),
        }),
      },
    },
    '/obapi/v1/orders/{id}': {
      get: {
        operationId: 'getObapiOrder',
        summary: 'obapi: one order with its lines',
        parameters: [pathParam('id', 'the order id')],
        ...tracking('obapi', obapiSecurity, {
          '200': answer('the order', ref('ObapiSingle')),
          '401': answer('a missing or unknown API key', ref('ObapiError'), 'WWW-Authenticate'),
          '404': obapiError('no such order'),
        }),
      },
    },
    '/obapi/v1/download/{id}': {
      get: {
        operationId: 'downloadObapiOrder',
        summary: 'obapi: the order as a PDF',
        parameters: [
          pathParam('id', 'the order id'),
          { ...queryParam('type', 'must be `order`'), required: true },
        ],
        ...tracking('obapi', obapiSecurity, {
          '200': {
            description: 'the PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            headers: headers('Content-Disposition'),
          },
          '400': obapiError('type is not order'),
          '401': answer('a missing or unknown API key', ref('ObapiError'), 'WWW-Authenticate'),
          '404': obapiError('no such order'),
        }),
      },
    },
    '/v3/customers/{customerId}/orders': {
      get: {
        operationId: 'listAdobeOrders',
        summary: 'Adobe VIP Marketplace: a customer’s orders, newest first',
        parameters: [
          pathParam('customerId', 'the customer id'),
          ...adobeHeaders,
          queryParam('limit', '1 to 100 (default 25; more becomes 100)', whole),
          queryParam('offset', 'records to skip; past the total is a 400', whole),
          many('order-type', 'NEW, TRANSFER or RENEWAL'),
          many('status', 'an order status'),
          many('offer-id', 'an offer of a line item'),
          queryParam('start-date', 'default: the customer’s current term start'),
          queryParam('end-date', 'a date or a date-time'),
        ],
        ...tracking('Adobe', adobeSecurity, {
          '200': answer(
            'a page with links.next / links.prev',
            ref('AdobePage'),
            'X-Request-Id',
            'X-Correlation-Id',
          ),
          '400': adobeError('an invalid parameter, or a missing or repeated request header'),
          '401': adobeError('an invalid or expired token'),
          '403': adobeError('an invalid API key'),
          '404': adobeError('an unknown customer'),
        }),
      },
    },
    '/v3/customers/{customerId}/orders/{orderId}': {
      get: {
        operationId: 'getAdobeOrder',
        summary: 'Adobe VIP Marketplace: one order',
        parameters: [
          pathParam('customerId', 'the customer id'),
          pathParam('orderId', 'the order id'),
          ...adobeHeaders,
        ],
        ...tracking('Adobe', adobeSecurity, {
          '200': answer('the order', ref('AdobeOrder'), 'X-Request-Id', 'X-Correlation-Id'),
          '400': adobeError('a missing or repeated request header'),
          '401': adobeError('an invalid or expired token'),
          '403': adobeError('an invalid API key'),
          '404': adobeError('an unknown customer or order'),
        }),
      },
    },
  };
}

export const TRACKING_SECURITY_SCHEMES = {
  orangeBasic: { type: 'http', scheme: 'basic', description: 'Orange client_id:client_secret' },
  orangeOAuth: {
    type: 'oauth2',
    flows: { clientCredentials: { tokenUrl: '/oauth/v3/token', scopes: {} } },
  },
  orangeApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  obapiKey: { type: 'http', scheme: 'bearer', description: 'obapi: the API key as a bearer token' },
  adobeBearer: { type: 'http', scheme: 'bearer' },
  adobeApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
} as const;
