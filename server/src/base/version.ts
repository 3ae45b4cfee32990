declare const PPA_LENS_VERSION: string | undefined;

/** Set by the bundler from package.json; the development tree reports 0.0.0-dev. */
export const VERSION: string = typeof PPA_LENS_VERSION === 'string' ? PPA_LENS_VERSION : '0.0.0-dev';
