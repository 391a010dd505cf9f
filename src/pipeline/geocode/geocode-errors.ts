/**
 * Named errors of the geocode stage: a GeoNames dump folder that cannot be read, a download that
 * failed, a ZIP archive that is not what it claims. Each carries the path or URL it is about so a
 * caller (the CLI, the API's error handler) can report it without parsing the message.
 */

/** A GeoNames dump folder is missing, unreadable or lacks a required file. */
export class GeoNamesDirError extends Error {
  override readonly name = 'GeoNamesDirError';
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

/** An HTTP download of a GeoNames file failed (network error or a status other than 200). */
export class GeoNamesDownloadError extends Error {
  override readonly name = 'GeoNamesDownloadError';
  constructor(
    readonly url: string,
    readonly status: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A ZIP archive is malformed, uses an unsupported feature, or lacks the member asked for. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
  }
}
