//! A test word in the package name (`ledger_test_kit`): test support, though `ledger`
//! names it under [dependencies].
mod pass;
