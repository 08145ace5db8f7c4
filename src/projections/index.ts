export * from './passbook';
export * from './orders-board';
export * from './posts';
export * from './stats';
export * from './notifications';
export * from './view-projection';
export * from './compensations';
