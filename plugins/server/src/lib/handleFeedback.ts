import type { IncomingMessage } from 'node:http';
import { FeedbackLabelError, isFeedbackSink } from '@mlops/core';
import { ServingError } from '@mlops/serving';
import type { HttpServerOptions } from '../options';
import { checkBearer } from './checkBearer';
import { checkJsonContentType } from './checkJsonContentType';
import { parseFeedbackBody, servingErrorOfFeedback } from './parseFeedbackBody';
import { readBody } from './readBody';

/**
 * `POST /feedback`: ground truth for served predictions, handed to the configured monitor (the
 * `tokens.monitor` service, if it is a feedback sink). Checks, in order: a sink exists (404), the
 * bearer token (401, when `feedbackAuth` is `adminToken`), the media type (415), the body size (413),
 * JSON (400), the labels (400/413/422). Returns the sink's receipt `{ received, inserted, updated, unchanged }` (the answer's body).
 */
export async function handleFeedback(req: IncomingMessage, options: HttpServerOptions, monitor: unknown): Promise<unknown> {
  if (!isFeedbackSink(monitor)) {
    throw new ServingError('not_found', monitor === undefined ? 'POST /feedback needs a monitor: configure plugins.monitor (e.g. @mlops/monitor) to store labels' : 'POST /feedback: the configured monitor does not take feedback (it has no recordFeedback)');
  }
  if (options.feedbackAuth === 'adminToken') {
    if (!options.adminToken) throw new ServingError('not_found', "POST /feedback is protected by the admin token and none is set: set the server option adminToken, or feedbackAuth: 'none' to accept labels without one");
    checkBearer(req, options.adminToken);
  }
  checkJsonContentType(req.headers['content-type']);
  const text = await readBody(req, options.bodyLimitBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ServingError('bad_json', `the body is not valid JSON: ${(err as Error).message}`);
  }
  const labels = parseFeedbackBody(body);
  try {
    return await monitor.recordFeedback(labels);
  } catch (err) {
    // The sink checks labels too (for every caller); its refusal is still the client's error.
    throw err instanceof FeedbackLabelError ? servingErrorOfFeedback(err) : err;
  }
}
