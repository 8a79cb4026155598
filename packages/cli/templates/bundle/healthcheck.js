'use strict';
// Docker HEALTHCHECK of an `mlops build` bundle: GET /health on the local server (the slim image has
// no curl). Exit 0 when it answers 200 within 2 s, else 1.
const http = require('node:http');

const port = Number(process.env.PORT || __PORT__);
const request = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
