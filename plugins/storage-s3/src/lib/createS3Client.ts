import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';

/** What {@link createS3Client} needs; a subset of the plugin's resolved options. */
export interface S3ClientSettings {
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
  connectTimeoutMs: number;
  /** Sockets kept per host: enough for every part in flight plus reads. */
  maxSockets: number;
}

/**
 * An S3 client for the artifact store. Retries are the SDK's "standard" mode: exponential backoff with
 * jitter on throttling, 5xx and dropped connections, at most `maxAttempts` tries. The SDK's own CRC
 * checksums are turned off: the store computes sha256 of every blob anyway and verifies it on read,
 * so a second hash per byte would only cost CPU.
 */
export function createS3Client(settings: S3ClientSettings): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: settings.maxSockets };
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: settings.connectTimeoutMs,
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
    },
  });
}
