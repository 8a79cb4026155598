import { checkFeedbackLabel, feedbackLimits, FeedbackLabelError, type FeedbackLabel } from '@mlops/core';
import { ServingError, type ServingErrorCode } from '@mlops/serving';

const statusOf: Record<FeedbackLabelError['problem'], ServingErrorCode> = { missing: 'invalid_body', wrong_type: 'wrong_type', invalid_value: 'invalid_value', unknown_field: 'unknown_field' };

/** A refused feedback entry as the server's error (the field path and the facts kept). */
export function servingErrorOfFeedback(err: FeedbackLabelError): ServingError {
  return new ServingError(statusOf[err.problem], err.message, err.path ?? null, { expected: err.expected, received: err.received, cause: err });
}

/**
 * The labels of a `POST /feedback` body: `{ requestId, label, row? }` or `{ labels: [{ requestId, label, row? }, ...] }`
 * (at most `feedbackLimits.batchLabels`). Every refusal names the field: `labels[3].requestId: expected a string, found number 7`.
 */
export function parseFeedbackBody(body: unknown): FeedbackLabel[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServingError('invalid_body', `expected an object { requestId, label, row? } or { labels: [...] }, found ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}`);
  }
  try {
    if (!('labels' in body)) return [checkFeedbackLabel(body, '')];
    const extra = Object.keys(body).find((k) => k !== 'labels');
    if (extra) throw new ServingError('unknown_field', `${extra}: a batch body has only "labels" (give either { requestId, label } or { labels: [...] })`, extra);
    const labels = (body as { labels: unknown }).labels;
    if (!Array.isArray(labels)) throw new ServingError('wrong_type', `labels: expected an array of { requestId, label, row? }, found ${labels === null ? 'null' : typeof labels}`, 'labels');
    if (labels.length === 0) throw new ServingError('invalid_body', 'labels: expected at least one label, found an empty array', 'labels');
    if (labels.length > feedbackLimits.batchLabels) throw new ServingError('batch_too_large', `labels: at most ${feedbackLimits.batchLabels} labels per request, found ${labels.length}`, 'labels');
    return labels.map((entry, i) => checkFeedbackLabel(entry, `labels[${i}]`));
  } catch (err) {
    throw err instanceof FeedbackLabelError ? servingErrorOfFeedback(err) : err;
  }
}
