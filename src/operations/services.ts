// The SOAP services of SAP CC that Convergent serves (SPEC 3.1): endpoint, WSDL
// namespace, schema namespace. The JSON path segment is the endpoint's last segment.

export interface ServiceDef {
  name: ServiceName;
  endpoint: string;
  wsdlNamespace: string;
  schemaNamespace: string;
}

export const SERVICE_NAMES = [
  'echo',
  'suacProvisioning',
  'contractProvisioning',
  'operationalStatus',
  'subscriberMappingTableManagement',
  'subscriberRangeTableManagement',
  'customerDataExportImport',
  'contractstate',
  'recharging',
  'chargeableItemCharging',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const service = (name: ServiceName, endpoint: string, wsdlNamespace: string, schemaNamespace: string): ServiceDef => ({
  name,
  endpoint,
  wsdlNamespace,
  schemaNamespace,
});

export const SERVICES: Record<ServiceName, ServiceDef> = {
  echo: service('echo', '/echo', 'http://echo.ws.highdeal.com/', 'http://schema.echo.ws.highdeal.com/'),
  suacProvisioning: service('suacProvisioning', '/suacProvisioning', 'http://provisioning.ws.highdeal.com/', 'http://schema.provisioning.ws.highdeal.com/'),
  contractProvisioning: service('contractProvisioning', '/contractProvisioning', 'http://provisioning.ws.highdeal.com/', 'http://schema.provisioning.ws.highdeal.com/'),
  operationalStatus: service('operationalStatus', '/operationalStatus', 'http://operationalstatus.ws.highdeal.com/', 'http://schema.operationalstatus.ws.highdeal.com/'),
  subscriberMappingTableManagement: service(
    'subscriberMappingTableManagement',
    '/subscriberMappingTableManagement',
    'http://subscribermappingtable.ws.highdeal.com/',
    'http://schema.subscribermappingtablemanagement.ws.highdeal.com/',
  ),
  subscriberRangeTableManagement: service(
    'subscriberRangeTableManagement',
    '/v3/subscriberRangeTableManagement',
    'http://subscriberrangetable.v3.ws.highdeal.com/',
    'http://schema.subscriberrangetable.v3.ws.highdeal.com/',
  ),
  customerDataExportImport: service(
    'customerDataExportImport',
    '/v3/customerDataExportImport',
    'http://customerdata.v3.ws.highdeal.com/',
    'http://schema.customerdata.v3.ws.highdeal.com/',
  ),
  contractstate: service('contractstate', '/contractstate', 'http://contractstate.ws.highdeal.com/', 'http://schema.contractstate.ws.highdeal.com/'),
  recharging: service('recharging', '/recharging', 'http://recharging.ws.highdeal.com/', 'http://schema.recharging.ws.highdeal.com/'),
  chargeableItemCharging: service('chargeableItemCharging', '/chargeableItemCharging', 'http://charging.ws.highdeal.com/', 'http://schema.charging.ws.highdeal.com/'),
};

/** The JSON path segment of a service: its endpoint's last segment. */
export function jsonSegment(service: ServiceDef): string {
  return service.endpoint.slice(service.endpoint.lastIndexOf('/') + 1);
}
