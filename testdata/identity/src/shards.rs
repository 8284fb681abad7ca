//! Two structs named `Inner`, in `shards::hot` and `shards::cold`: only the cold one ever
//! evicts, which says nothing of the hot one.
mod cold;
mod hot;
