//! Image files recognised by their content: which format, and how large.

/// An image file as stored in the asset folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// `<sha256>.<ext>`, relative to the asset folder.
    pub file: String,
    pub sha256: String,
    pub facts: ImageFacts,
}

/// What the app reads from an image file's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageFacts {
    pub media_type: &'static str,
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Why bytes are not a usable image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnImage {
    /// Not JPEG, PNG, WebP or GIF.
    UnknownFormat,
    /// The right kind of file, but its size cannot be read.
    Damaged,
    /// It claims a size no real photo has (a damaged or crafted header).
    TooLarge {
        /// The width it claims.
        width: u64,
        /// The height it claims.
        height: u64,
    },
}

/// The longest side of an image accepted, in pixels: the largest camera sensors make
/// about 14,000; a header claiming more is damaged or crafted.
pub const MAX_IMAGE_SIDE: u32 = 30_000;

/// Recognises JPEG, PNG, WebP and GIF by their first bytes (never by the file name)
/// and reads width and height from the header, without decoding the image.
pub fn inspect_image(bytes: &[u8]) -> Result<ImageFacts, NotAnImage> {
    use imagesize::ImageType;
    let (media_type, extension) = match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => ("image/jpeg", "jpg"),
        Ok(ImageType::Png) => ("image/png", "png"),
        Ok(ImageType::Webp) => ("image/webp", "webp"),
        Ok(ImageType::Gif) => ("image/gif", "gif"),
        _ => return Err(NotAnImage::UnknownFormat),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| NotAnImage::Damaged)?;
    let too_large = || NotAnImage::TooLarge {
        width: size.width as u64,
        height: size.height as u64,
    };
    let width = u32::try_from(size.width).map_err(|_| too_large())?;
    let height = u32::try_from(size.height).map_err(|_| too_large())?;
    if width == 0 || height == 0 {
        return Err(NotAnImage::Damaged);
    }
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(too_large());
    }
    Ok(ImageFacts {
        media_type,
        extension,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content() {
        // The smallest valid GIF: "GIF89a", width 3, height 2.
        let gif = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";
        let facts = inspect_image(gif).unwrap();
        assert_eq!(facts.media_type, "image/gif");
        assert_eq!(facts.extension, "gif");
        assert_eq!((facts.width, facts.height), (3, 2));

        assert_eq!(
            inspect_image(b"Dear editor, this is a letter."),
            Err(NotAnImage::UnknownFormat)
        );
        assert_eq!(inspect_image(b""), Err(NotAnImage::UnknownFormat));
        // A PNG header claiming 4294967295 × 4294967295 pixels.
        let mut huge = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        huge.extend_from_slice(&[0xff; 8]);
        huge.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        assert!(
            matches!(inspect_image(&huge), Err(NotAnImage::TooLarge { .. })),
            "{:?}",
            inspect_image(&huge)
        );
        // The start of a JPEG, cut off before its size.
        assert_eq!(
            inspect_image(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01"),
            Err(NotAnImage::Damaged)
        );
    }
}
