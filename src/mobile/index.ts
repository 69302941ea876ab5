export { migrateMobileDevices, upsertMobileDevices, listMobileDevices, DEVICE_FLAGS, type DeviceFlag, type DeviceQuery, type DeviceRow } from './device-state.js';
