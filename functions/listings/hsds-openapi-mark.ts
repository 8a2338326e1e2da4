/** Where the site URL goes in the generated OpenAPI document (hsds-openapi-document.ts): not a URL, so it can never be one by chance. */
export const SITE_URL_MARK = '{{SITE_URL}}';

/** The generated document (JSON text) with this site's URL in place of the mark. */
export function withSiteUrl(documentJson: string, siteUrl: string): string {
  // The mark is replaced as a whole JSON string, so nothing else in the document can match.
  const server = (url: string) => JSON.stringify(`${url}/api/hsds`);
  return documentJson.replace(server(SITE_URL_MARK), () => server(siteUrl));
}
