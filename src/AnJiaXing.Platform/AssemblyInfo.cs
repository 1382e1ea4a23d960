// The platform's command-line verbs (`ledger verify`) live here, not in the host: JasperFx looks for verbs in the
// entry assembly and in assemblies that say they carry some.
[assembly: JasperFx.JasperFxAssembly]
