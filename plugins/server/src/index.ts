import { httpServer } from './plugin';

export { httpServer };
export { HttpModelServer, type HttpModelServerServices } from './HttpModelServer';
export { httpServerOptions, type HttpServerOptions, type HttpServerUserOptions } from './options';
export { ServerError, serverErrorCodes, type ServerErrorCode } from './errors';

/** The package's plugin; the runtime picks it for `plugins.server`. */
export const plugins = [httpServer];
export default plugins;
