// The product's marks for Swagger UI: the logo of the top bar and the favicon, as SVG text so they ship
// inside the compiled code (no asset files to find from dist/). Swagger UI shows the logo as a data: image,
// which the docs' content security policy allows (img-src data:); styles inside an image do not count
// as inline styles of the page.

const BERRY = '<circle cx="20" cy="22" r="14" fill="#5b2a86"/><circle cx="15" cy="17" r="4" fill="#8e5cc2"/><path d="M20 8c1-4 4-6 8-6-1 4-4 6-8 6z" fill="#3f9b4f"/>'

/** The top-bar logo: the berry and the product name, white text for Swagger UI's dark bar. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="40" viewBox="0 0 260 40">${BERRY}<text x="44" y="29" font-family="Helvetica, Arial, sans-serif" font-size="22" font-weight="700" fill="#ffffff">acai-assistant API</text></svg>`

/** The favicon: the berry alone. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">${BERRY}</svg>`

export const DOCS_TITLE = 'acai-assistant API'
