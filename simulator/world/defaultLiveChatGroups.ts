/** LiveChat groups 0..4; group 0 is LiveChat's default "General" group. */
export const defaultLiveChatGroups: readonly { id: number; name: string }[] = [
  { id: 0, name: 'General' },
  { id: 1, name: 'Sales' },
  { id: 2, name: 'Support "Tier 2"' },
  { id: 3, name: 'Поддержка' },
  { id: 4, name: '客服' },
];
