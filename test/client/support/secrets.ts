/** Credentials used by the client tests: none may ever appear in an error or a log line. */
export const SECRETS = {
  token: 'tok-4lice-Zq9WmB7x',
  apiKey: 'key-4lice-Rt5Yp2Lk',
  username: 'svc-orders',
  password: 'pw-Hx8!Qs3vTnE2',
  clientId: 'orange-client',
  clientSecret: 'cs-Vb6Nm1Jd9Ws4',
} as const;

/** The values that must never be printed (the username and client id are not secrets). */
export const SECRET_VALUES = [
  SECRETS.token,
  SECRETS.apiKey,
  SECRETS.password,
  SECRETS.clientSecret,
];
