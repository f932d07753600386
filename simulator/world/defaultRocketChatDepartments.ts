import type { DepartmentSpec } from './types';

/**
 * Rocket.Chat departments with names chosen to break naive exporters: quotes, Cyrillic, CJK,
 * a prototype-polluting key and a backslash. Ids are fixed 17-character Meteor-style ids.
 */
export const defaultRocketChatDepartments: readonly DepartmentSpec[] = [
  { id: 'CAJioQNAvLnYWTy8i', name: 'Sales', weight: 1.3, email: 'sales@example.com' },
  { id: 'rZ8QqWbXk3mN5tYvE', name: 'Support "Tier 2"', weight: 1.0, email: 'support@example.com' },
  { id: 'Lp4sTqJ9wXcR2vBnA', name: 'Поддержка', weight: 0.8, email: 'podderzhka@example.com' },
  { id: 'hG7yKd2MfQw9ZtPxC', name: '客服', weight: 0.6, email: 'kefu@example.com' },
  { id: 'Wm3nPq8RsT5vXyZaB', name: '__proto__', weight: 0.3, email: 'proto@example.com' },
  { id: 'bN6cW4xZ2mQ8wErTy', name: 'back\\slash', weight: 0.4, email: 'backslash@example.com' },
];
