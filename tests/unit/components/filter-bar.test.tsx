// The label filter bar: key=value + Enter adds a chip and narrows the model list (several must
// all match), anything else is marked and kept for fixing, a chip's x removes it, and the box
// suggests the store's own labels.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { browse, models, rows } from './browse.tsx';

const box = () => screen.getByRole('combobox', { name: 'Add label filter' });
const chips = () => screen.queryAllByRole('button', { name: /^Remove filter / }).map((b) => b.getAttribute('aria-label')!.replace('Remove filter ', ''));

describe('filter bar', () => {
  it('adds a chip for key=value, empties the box, and shows only the models with that label', async () => {
    const { user } = await browse();
    await user.type(box(), 'stage=prod{Enter}');
    expect(chips()).toEqual(['stage=prod']);
    expect(box()).toHaveValue('');
    expect(rows(models())).toEqual(['alpha', 'charlie']);
  });

  it('needs every filter to match; a second value for the same key replaces the first', async () => {
    const { user } = await browse();
    await user.type(box(), 'stage=prod{Enter}');
    await user.type(box(), 'owner=ml{Enter}');
    expect(chips()).toEqual(['stage=prod', 'owner=ml']);
    expect(rows(models())).toEqual(['alpha']);
    await user.type(box(), 'stage=dev{Enter}');
    expect(chips()).toEqual(['owner=ml', 'stage=dev']);
    expect(screen.getByRole('status')).toHaveTextContent('No models match these filters.');
  });

  it('marks text that is not key=value and keeps it to fix; typing clears the mark', async () => {
    const { user } = await browse();
    await user.type(box(), 'prod{Enter}');
    expect(box()).toBeInvalid();
    expect(box()).toHaveValue('prod');
    expect(chips()).toEqual([]);
    expect(rows(models())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    await user.type(box(), '{Home}stage=');
    expect(box()).toBeValid();
    await user.keyboard('{Enter}');
    expect(chips()).toEqual(['stage=prod']);
  });

  it('says why text without = is not a filter, under the box, and drops the hint once fixed', async () => {
    const { user } = await browse();
    await user.type(box(), 'prod{Enter}');
    const hint = 'A label filter is KEY=VALUE, for example stage=prod.';
    expect(screen.getByText(hint)).toBeVisible();
    expect(box()).toHaveAccessibleDescription(hint);
    await user.type(box(), '{Home}stage=');
    expect(screen.queryByText(hint)).toBeNull();
    expect(box()).not.toHaveAccessibleDescription(hint);
  });

  it('after the first filter the box says what to type next', async () => {
    const { user } = await browse();
    expect(box()).toHaveAttribute('placeholder', 'Filter by label (KEY=VALUE)');
    await user.type(box(), 'stage=prod{Enter}');
    expect(box()).toHaveAttribute('placeholder', 'Add another filter (KEY=VALUE)');
  });

  it('removing a chip brings the models back', async () => {
    const { user } = await browse();
    await user.type(box(), 'stage=dev{Enter}');
    expect(rows(models())).toEqual(['bravo']);
    await user.click(screen.getByRole('button', { name: 'Remove filter stage=dev' }));
    expect(chips()).toEqual([]);
    expect(rows(models())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
  });

  it('suggests the labels in the store', async () => {
    await browse();
    const list = document.getElementById(box().getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value).sort()).toEqual(['owner=ml', 'stage=dev', 'stage=prod']);
  });
});
