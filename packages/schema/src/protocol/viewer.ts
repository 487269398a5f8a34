/**
 * The vocabulary the officers' viewer and the gateway share for viewer events: written once here,
 * so the extension's message schemas and the gateway's routes cannot drift apart.
 */

/** What the viewer's copy guard blocks, each counted and reported (`POST /v1/viewer-events`). */
export const BLOCKED_ACTIONS = [
  'copy',
  'cut',
  'paste',
  'drag',
  'select_all',
  'context_menu',
  'print',
  'save',
  'new_window',
  'view_source',
  'devtools',
  'focus_lost',
] as const;
export type BlockedAction = (typeof BLOCKED_ACTIONS)[number];

/** A view id as the gateway issues it: 8 random bytes, base64url (11 characters). */
export const VIEW_ID_PATTERN = /^[A-Za-z0-9_-]{11}$/;
