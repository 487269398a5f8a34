import type { DisclosureMode, FieldDef } from '@need2know/schema';

/** Applies a mode to one item field: the field's declaration, its value (never undefined) and its path. */
export type ItemDiscloser = (itemField: FieldDef, value: unknown, path: string) => unknown;

/**
 * The items of list field `name` disclosed under `mode`: each item field that declares `mode` goes
 * through `disclose`; one that does not but declares `clear` is passed as is (the list's mode covers
 * it: a pseudonymised person keeps its `role`); any other is dropped, as are members the list does
 * not declare. Returns undefined for an absent list.
 *
 * @example discloseItems('contacts', contactsDef, value, 'masked', maskItem) // [{ name_latin: 'S** D***', phone: '+855 ** *** 678' }]
 * @throws TypeError when the value is not a list of objects or the field declares no items.
 */
export function discloseItems(
  name: string,
  field: FieldDef,
  value: unknown,
  mode: DisclosureMode,
  disclose: ItemDiscloser,
): Record<string, unknown>[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = field.items;
  if (items === undefined) throw new TypeError(`${name} declares no items`);
  if (!Array.isArray(value)) throw new TypeError(`${name} must be a list`);
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new TypeError(`${name} items must be objects`);
    const out: Record<string, unknown> = {};
    for (const [itemName, itemField] of Object.entries(items)) {
      const itemValue = Object.hasOwn(item, itemName) ? (item as Record<string, unknown>)[itemName] : undefined;
      if (itemValue === undefined) continue;
      const disclosed = itemField.modes.includes(mode)
        ? disclose(itemField, itemValue, `${name}.${itemName}`)
        : itemField.modes.includes('clear')
          ? itemValue
          : undefined;
      if (disclosed !== undefined) out[itemName] = disclosed;
    }
    return out;
  });
}
