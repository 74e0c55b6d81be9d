// ES module entry: the same single instance as require('momo-core')
// (index.js), so classes and instanceof agree across both.
import momo from './index.js';

export const {
  MomoClient,
  MomoError,
  AccessToken,
  PreparedRequest,
  ERROR_CODES,
  IPN_ACK_STATUS,
  DEFAULT_REFRESH_MARGIN_MS,
  parseTokenizationCreate,
  parseTokenizationPay,
  parseQuery,
  parseConfirm,
  parseRefund,
  parseRedeemStatus,
  parseGiftCreate,
  parseGiftStatus,
  parseGiftGetTrans,
  parseLogin,
  computeSaleInfo,
  encodeExtraData,
  encodeExtraDataValue,
  decodeExtraData,
  newRequestId,
  newOrderId,
  newXRequestId,
  outcomeOfPayment,
  outcomeOfGiftStatus,
  outcomeOfGiftResult,
  transportTimeoutOutcome,
  giftStatusCodeOf,
  giftGetTransNextPage,
  paymentCodes,
  giftStatusCodes,
  giftResultCodes,
  _panicProbe,
  _inputProbe,
} = momo;

export default momo;
