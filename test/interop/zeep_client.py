"""An independent SOAP client for the interop suite: python3-zeep loads every WSDL
from the running server (never from a file) and makes the calls of a plan, then
reports what came back in the JSON form, for the Node test to check.

Usage: /usr/bin/python3 zeep_client.py PLAN.json RESULTS.json
The plan: {base, user, password, outDir, services: [{endpoint, calls: [{id,
operation, request, user?, password?}]}]}. Each response's body element is written to
outDir/<id>.xml so that xmllint can validate it against the served XSD.
"""
import datetime
import decimal
import json
import os
import sys

import zeep
from lxml import etree
from zeep.plugins import Plugin
from zeep.wsse.username import UsernameToken

SOAP_ENV = "{http://schemas.xmlsoap.org/soap/envelope/}"


class LastBody(Plugin):
    """Keeps the body element of the last envelope received."""

    def __init__(self):
        self.body = None

    def ingress(self, envelope, http_headers, operation):
        self.body = envelope.find(SOAP_ENV + "Body")[0]
        return envelope, http_headers


def to_zeep(value):
    # zeep leaves out an empty complex element given as {}; SkipValue makes it write <noTax/>
    if isinstance(value, dict):
        return zeep.xsd.SkipValue if not value else {k: to_zeep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_zeep(v) for v in value]
    return value


def to_json(value):
    """zeep's objects in the JSON form: absent and empty left out, decimals and dates as text."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            converted = to_json(item)
            if converted is not None and converted != []:
                out[key] = converted
        return out
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value


def fault_of(fault):
    detail = fault.detail
    code = detail.findtext(".//errorCode") if detail is not None else None
    return {"faultcode": fault.code, "faultstring": fault.message, "errorCode": code}


def run(plan):
    results = {"wsdlOperations": {}, "calls": []}
    for service in plan["services"]:
        endpoint = service["endpoint"]
        last = LastBody()
        clients = {}

        def client_for(user, password):
            if (user, password) not in clients:
                clients[(user, password)] = zeep.Client(plan["base"] + endpoint + "?wsdl", wsse=UsernameToken(user, password), plugins=[last])
            return clients[(user, password)]

        client = client_for(plan["user"], plan["password"])
        binding = next(iter(next(iter(client.wsdl.services.values())).ports.values())).binding
        results["wsdlOperations"][endpoint] = sorted(binding._operations.keys())
        for call in service["calls"]:
            outcome = {"id": call["id"], "endpoint": endpoint, "operation": call["operation"]}
            client = client_for(call.get("user", plan["user"]), call.get("password", plan["password"]))
            last.body = None
            try:
                arguments = {key: to_zeep(value) for key, value in call["request"].items()}
                response = getattr(client.service, call["operation"])(**arguments)
                outcome["response"] = to_json(zeep.helpers.serialize_object(response, dict))
            except zeep.exceptions.Fault as fault:
                outcome["fault"] = fault_of(fault)
            except Exception as error:  # a client-side refusal: the test reports it
                outcome["clientError"] = "%s: %s" % (type(error).__name__, error)
            if last.body is not None:
                path = os.path.join(plan["outDir"], call["id"] + ".xml")
                with open(path, "wb") as out:
                    out.write(etree.tostring(last.body, xml_declaration=True, encoding="UTF-8"))
                outcome["bodyFile"] = path
            results["calls"].append(outcome)
    return results


def main():
    with open(sys.argv[1]) as source:
        plan = json.load(source)
    results = run(plan)
    with open(sys.argv[2], "w") as target:
        json.dump(results, target, indent=1)


if __name__ == "__main__":
    main()
