import { Inventory, InventoryRequest, ModelVersionDetail, ModelVersionRequest } from '../../schemas/registry';
import { defineChannels } from '../channel';

export const inventoryChannels = defineChannels({
  'models:list': { request: InventoryRequest, response: Inventory },
  'models:version': { request: ModelVersionRequest, response: ModelVersionDetail },
});
