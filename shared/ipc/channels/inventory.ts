import { Inventory, InventoryPage, InventoryPageRequest, InventoryRequest, ModelVersionDetail, ModelVersionRequest } from '../../schemas/registry';
import { defineChannels } from '../channel';

export const inventoryChannels = defineChannels({
  'models:list': { request: InventoryRequest, response: Inventory },
  /** A window of version rows, filtered and sorted in the database: the Inventory screen at any size. */
  'models:page': { request: InventoryPageRequest, response: InventoryPage },
  'models:version': { request: ModelVersionRequest, response: ModelVersionDetail },
});
