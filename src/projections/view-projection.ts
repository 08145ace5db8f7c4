import { combineProjections } from '../engine/projection';
import type { StateOf } from '../engine/projection';
import { compensationsProjection } from './compensations';
import { notificationsProjection } from './notifications';
import { ordersBoardProjection } from './orders-board';
import { passbookProjection } from './passbook';
import { postsProjection } from './posts';
import { statsProjection } from './stats';
import { timelineOverviewProjection } from './timeline-overview';

/** Everything the UI shows, folded in one pass. */
export const viewProjection = combineProjections('view', {
  passbook: passbookProjection,
  orders: ordersBoardProjection,
  posts: postsProjection,
  stats: statsProjection,
  notifications: notificationsProjection,
  compensations: compensationsProjection,
  overview: timelineOverviewProjection,
});

export type ViewState = StateOf<typeof viewProjection>;
