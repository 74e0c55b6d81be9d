// Typed usage of the package via `require` (CommonJS), checked by tsc.
import momo = require('momo-core');

const client = new momo.MomoClient({ partnerCode: 'MOMO', accessKey: 'a', secretKey: 's' });
const req = client.query({ orderId: 'O-1' });
const timeoutMs: number = req.timeoutMs;
const raw: string | null = req.signatureRaw;
const res: momo.QueryResponse = momo.parseQuery(200, '{"resultCode":0}');
const code: momo.ErrorCode = 'INTERNAL';
// @ts-expect-error: parsers take (status, bodyText)
momo.parseQuery('200', '{}');
export = { timeoutMs, raw, res, code };
