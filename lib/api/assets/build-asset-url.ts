/** The URL of an asset as the API hands it out: `${base}/v1/kling/assets/{id}/{fileName}`. */
export function buildAssetUrl(baseUrl: string, assetId: string, fileName: string): string {
  return `${baseUrl}/v1/kling/assets/${encodeURIComponent(assetId)}/${encodeURIComponent(fileName)}`;
}
