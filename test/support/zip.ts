import yauzl from 'yauzl';

export interface ZipFile {
  name: string;
  compressionMethod: number;
  bytes: Buffer;
}

/** Reads a zip with yauzl, a reader that shares no code with archiver. */
export function unzip(zip: Buffer): Promise<ZipFile[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (error, file) => {
        if (error) return reject(error);
        const files: ZipFile[] = [];
        file.on('error', reject);
        file.on('end', () => resolve(files));
        file.on('entry', (entry: yauzl.Entry) => {
          file.openReadStream(entry, (streamError, stream) => {
            if (streamError) return reject(streamError);
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => {
              files.push({
                name: entry.fileName,
                compressionMethod: entry.compressionMethod,
                bytes: Buffer.concat(chunks),
              });
              file.readEntry();
            });
          });
        });
        file.readEntry();
      },
    );
  });
}
