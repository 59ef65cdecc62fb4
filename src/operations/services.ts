// The SOAP services of SAP CC that Convergent serves (SPEC 3.1): endpoint, WSDL
// namespace, schema namespace, and the names SAP CC's WSDL gives them (docs/soap.md:
// taken from a real WSDL where one is public, else inferred from the same pattern).
// The JSON path segment is the endpoint's last segment.
import type { WsdlNames } from '../schema/wsdl.ts';

export interface ServiceDef {
  name: ServiceName;
  endpoint: string;
  wsdlNamespace: string;
  schemaNamespace: string;
  wsdl: WsdlNames;
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

/**
 * SAP CC's pattern (docs/sapcc-wire.md section 1): service = endpoint name, port =
 * service + `Port`, portType = capitalised + `Services`, binding = portType + `Binding`;
 * parts `request`/`response`, SOAPAction = operation name.
 */
const names = (name: string, portType: string, real: boolean, overrides: Partial<WsdlNames> = {}): WsdlNames => ({
  service: name,
  port: `${name}Port`,
  portType,
  binding: `${portType}Binding`,
  requestPart: 'request',
  responsePart: 'response',
  soapAction: 'operation',
  real,
  ...overrides,
});

/** The names SAP CC's WSDLs give the services, real where a public WSDL shows them (M in docs/sapcc-wire.md). */
const WSDL_NAMES: Record<ServiceName, WsdlNames> = {
  echo: names('echo', 'EchoServices', false),
  suacProvisioning: names('suacProvisioning', 'SUACProvisioningServices', true),
  contractProvisioning: names('contractProvisioning', 'ContractProvisioningServices', false),
  operationalStatus: names('operationalStatus', 'OperationalStatusServices', false),
  subscriberMappingTableManagement: names('subscriberMappingTableManagement', 'SubscriberMappingTableManagementServices', true, {
    requestPart: 'parameters',
    responsePart: 'parameters',
    soapAction: 'empty',
  }),
  subscriberRangeTableManagement: names('subscriberRangeTableManagement', 'SubscriberRangeTableManagementServices', false),
  customerDataExportImport: names('customerDataExportImport', 'CustomerDataExportImportServices', false),
  contractstate: names('contractstate', 'ContractstateServices', false),
  recharging: names('recharging', 'RechargingServices', false),
  chargeableItemCharging: names('chargeableItemCharging', 'ChargeableItemChargingServices', false),
};

const service = (name: ServiceName, endpoint: string, wsdlNamespace: string, schemaNamespace: string): ServiceDef => ({
  name,
  endpoint,
  wsdlNamespace,
  schemaNamespace,
  wsdl: WSDL_NAMES[name],
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
