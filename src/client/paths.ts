/**
 * The order-taking endpoints' paths, exactly as the doc writes them (trailing slashes included,
 * and no `v1` in the delete path). Identifiers are URL-encoded.
 */
const id = (value: string) => encodeURIComponent(value);

export const paths = {
  sessions: () => '/api/v1/product_order',
  session: (sessionId: string) => `/api/v1/product_order/${id(sessionId)}/`,
  lines: (sessionId: string) => `/api/v1/product_order/${id(sessionId)}/product_order_item`,
  line: (sessionId: string, lineId: string) =>
    `/api/v1/product_order/${id(sessionId)}/product_order_item/${id(lineId)}`,
  deleteLine: (sessionId: string, lineId: string) =>
    `/api/product_order/${id(sessionId)}/product_order_item/${id(lineId)}/`,
  confirm: (sessionId: string) => `/api/v1/product_order/${id(sessionId)}/confirm/`,
  startExport: () => '/api/v1/product_order/export/csv/',
  exportStatus: (taskId: string) => `/api/v1/product_order/export/${id(taskId)}/status/`,
  exportDownload: (taskId: string) => `/api/v1/product_order/export/${id(taskId)}/download/`,
} as const;
