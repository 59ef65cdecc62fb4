#!/usr/bin/perl
# A second, independent SOAP stack for the interop suite: Perl SOAP::Lite (Debian
# libsoap-lite-perl) against suacProvisioning and echo. It takes the endpoint,
# namespace and SOAPAction of each call from the served WSDL, sends document/literal
# requests with a WS-Security UsernameToken, and prints one JSON line per call with
# the values it read and the raw response, for the Node test to check.
#
# Usage: perl soaplite_client.pl BASE_URL USER PASSWORD
use strict;
use warnings;
use JSON::PP;
use LWP::UserAgent;
use SOAP::Lite;

my ($base, $user, $password) = @ARGV;
my $json = JSON::PP->new->canonical;
my $wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
my $password_text = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

# What a WSDL says about a service: its address, its schema namespace and the SOAPAction of each operation.
sub service_of {
    my ($endpoint) = @_;
    my $response = LWP::UserAgent->new->get("$base$endpoint?wsdl");
    die "no WSDL at $endpoint: " . $response->status_line unless $response->is_success;
    my $wsdl = $response->decoded_content;
    my ($location) = $wsdl =~ /<soap:address location="([^"]+)"/;
    my @schemas = $wsdl =~ /<xs:schema [^>]*targetNamespace="([^"]+)"/g;
    my %actions = $wsdl =~ /<wsdl:operation name="([^"]+)"><soap:operation soapAction="([^"]*)"/g;
    return { location => $location, namespace => $schemas[-1], actions => \%actions };
}

# An element with text and no xsi:type; SOAP::Lite writes an untyped value as it is, so escape it first.
sub data { my ($name, $value) = @_; return SOAP::Data->name($name => SOAP::Utils::encode_data($value))->type('') }

sub security_header {
    my ($name, $secret) = @_;
    return SOAP::Header->name('wsse:Security' => \SOAP::Data->value(
        SOAP::Data->name('wsse:UsernameToken' => \SOAP::Data->value(
            data('wsse:Username' => $name),
            data('wsse:Password' => $secret)->attr({ Type => $password_text }),
        )),
    ))->attr({ 'xmlns:wsse' => $wsse })->mustUnderstand(1);
}

# Calls `operation` with `parameters` (SOAP::Data, unqualified, untyped) and prints what came back.
sub call {
    my ($label, $service, $operation, $credentials, @parameters) = @_;
    my $action = $service->{actions}{$operation} // die "no SOAPAction for $operation in the WSDL";
    my $client = SOAP::Lite->proxy($service->{location})->on_action(sub { qq("$action") })->autotype(0)->readable(0);
    $client->serializer->register_ns($service->{namespace}, 'ns');
    my $som = $client->call(SOAP::Data->name("ns:${operation}Request"), @parameters, security_header(@$credentials));
    my $raw = $client->transport->http_response->decoded_content;
    my %line = (label => $label, operation => $operation, http => $client->transport->http_response->code, raw => $raw);
    if ($som->fault) {
        $line{fault} = { faultcode => $som->faultcode, errorCode => $som->valueof('//Fault/detail/faultDetail/errorCode') };
    } else {
        $line{status} = $som->valueof('//Body/*/status');
        $line{code} = join('-', grep { defined } $som->valueof('//Body/*/error/cause/module'), $som->valueof('//Body/*/error/cause/code'));
        $line{values} = { map { ($_ => scalar $som->valueof("//Body/*/$_")) } qw(text subscriberAccount/id subscriberAccount/description subscriberAccount/additionalInfo/number subscriberAccount/additionalInfo/date) };
        $line{noTax} = defined($som->match('//Body/*/subscriberAccount/noTax')->dataof) ? JSON::PP::true : JSON::PP::false;
    }
    print $json->encode(\%line), "\n";
}


my $echo = service_of('/echo');
my $suac = service_of('/suacProvisioning');
my $mine = [$user, $password];

call('echo', $echo, 'echo', $mine, data(text => 'Perl says <hello> & bye'));
call('echo wrong password', $echo, 'echo', [$user, 'not-the-password'], data(text => 'x'));
call('maintain', $suac, 'subscriberAccountMaintain', $mine, SOAP::Data->name(subscriberAccount => \SOAP::Data->value(
    data(id => 'PERL-1'),
    data(subscriberId => 'BP-PERL'),
    data(description => 'Perl & friends'),
    SOAP::Data->name('noTax')->type(''),
    SOAP::Data->name(additionalInfo => \SOAP::Data->value(data(name => 'SCORE'), data(number => '12.50'))),
    SOAP::Data->name(additionalInfo => \SOAP::Data->value(data(name => 'SINCE'), data(date => '2025-06-30T23:59:59'))),
)));
call('read', $suac, 'subscriberAccountRead', $mine, data(subscriberAccountId => 'PERL-1'));
call('read missing', $suac, 'subscriberAccountRead', $mine, data(subscriberAccountId => 'PERL-NOBODY'));
