type A<T> = A<(T, T, T, T, T, T, T, T)>;
struct S { f: A<u8> }
