import type { dataExports } from '../../src-shared/contract/exports';
import type { HandlerMap } from '../core/registry';
import { clinicExportHandlers } from './clinic';
import { listHandlers } from './lists';

/** The whole-clinic archive and single lists. */
export const exportHandlers: HandlerMap<keyof typeof dataExports> = { ...clinicExportHandlers, ...listHandlers };
export { exportClinicTo } from './clinic';
export { savedFile } from './files';
export { writeClinicArchive } from './archive';
