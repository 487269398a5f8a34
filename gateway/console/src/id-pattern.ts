/**
 * The identifier grammar of agencies, clients, officers and purposes (`Slug` in the admin API) as
 * an HTML `pattern`. Browsers compile patterns with the `v` flag, where a bare hyphen at the end of a
 * class is invalid (Chromium then ignores the pattern and logs an error): it is escaped.
 */
export const ID_PATTERN = '[a-z0-9][a-z0-9\\-]{1,62}';
